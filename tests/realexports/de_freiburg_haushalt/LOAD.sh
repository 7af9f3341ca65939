# Freiburg im Breisgau, Ergebnishaushalt of the double budget 2017/2018: three columns per year
# (Erträge, Aufwendungen, Saldo), the accounts of 2015 ('Ergebnis 2015 (...)') beside the budgets
# 2016-2018 ('Ansatz 2016 (...)'), Windows-1252, quoted codes, expenditure written NEGATIVE.
# The budgets: only the Aufwendungen columns of 2016-2018 (#17, #20, #23) stay, turned positive.
$W load budget freiburg_ergebnishaushalt_2017_2018.csv --years-in-columns \
   --set municipality=Freiburg --map '#13=-' --map '#14=-' --map '#15=-' --map '#16=-' \
   --map '#18=-' --map '#19=-' --map '#22=-' --map '#24=-' --scale -1 \
   --map 'Produktbereich Bezeichnung=programme' --map Produktbezeichnung=intervention --sum
# The accounts of 2015: its Aufwendungen column (#14) as the actual amount.
$W load budget freiburg_ergebnishaushalt_2017_2018.csv --set municipality=Freiburg \
   --map '#14=actual' --set year=2015 --scale -1 \
   --map 'Produktbereich Bezeichnung=programme' --map Produktbezeichnung=intervention --sum
