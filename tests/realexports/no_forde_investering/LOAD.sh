# Førde's investment budget by project: accounts 2011 (decimal commas) beside budgets 2012 and
# 2013, CRLF. Investment spending only: konto (art x 10, leading zero dropped) below 5000.
$W load budget forde_investeringsbudsjett_2013.csv --years-in-columns --map rekneskap_2011=- \
   --set municipality=Førde --set currency=NOK --map teneste_tekst=programme \
   --map prosjekt_tekst=intervention --where 'konto<5000' --sum
$W load budget forde_investeringsbudsjett_2013.csv --map rekneskap_2011=actual --set year=2011 \
   --map budsjett_2012=- --map budsjett_2013=- --set municipality=Førde --set currency=NOK \
   --map teneste_tekst=programme --map prosjekt_tekst=intervention --where 'konto<5000' --sum
