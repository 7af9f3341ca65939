# Moers: accounts and plans side by side per cost type ('Ist 2015;Ist 2016;Plan 2016;Plan 2017'),
# Windows-1252, dots as thousands separators, income negative; Art 2 = expenditure
# (Aufwendungen). First the plans (the accounts' columns mapped away) ...
$W load budget moers_haushalt_2015_2017.csv --years-in-columns --map 'Ist 2015=-' \
   --map 'Ist 2016=-' --set municipality=Moers --map Profitcenter-Bezeichnung=programme \
   --where Art=2 --sum
# ... then the accounts, read as the actual amount (the plans mapped away): 2016 gets both.
$W load budget moers_haushalt_2015_2017.csv --years-in-columns --years-as actual \
   --map 'Plan 2016=-' --map 'Plan 2017=-' --set municipality=Moers \
   --map Profitcenter-Bezeichnung=programme --where Art=2 --sum
