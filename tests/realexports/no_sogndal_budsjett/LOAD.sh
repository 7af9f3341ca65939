# Sogndal's operating budget: the accounts of 2011 beside the budgets of 2012 and 2013
# (rekneskap_2011;budsjett_2012;budsjett_2013), space as thousands separator, revenue as
# negative lines. Expenditure only: konto 1AAAx with art 010-480 is below 15000.
# First the budgets, one row per year, with the accounts' column mapped away ...
$W load budget sogndal_driftsbudsjett_2013.csv --years-in-columns --map rekneskap_2011=- \
   --set municipality=Sogndal --set currency=NOK --map tjeneste_tekst=programme \
   --where 'konto<15000' --sum
# ... then the accounts of 2011 on their own (they keep the budgets standing).
$W load budget sogndal_driftsbudsjett_2013.csv --map rekneskap_2011=actual --set year=2011 \
   --map budsjett_2012=- --map budsjett_2013=- --set municipality=Sogndal --set currency=NOK \
   --map tjeneste_tekst=programme --where 'konto<15000' --sum
