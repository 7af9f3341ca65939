# The Dutch central government's budget statements 2013-2017 (opendata.rijksbegroting.nl):
# Windows-1252, five budget stages as columns, x1000, 'Euro' for the currency, TOTAAL
# subtotal rows (left out), a free-text footer, dots as thousands separators from 2015 on,
# and 2016-2017 with only the draft budget. Expenditure (U) lines of 2013-2015: the adopted
# budget and the outturn.
$W load budget begrotingsstaten_origineel.csv --set municipality=Rijksoverheid \
   --map Begrotingsjaar=year --map Begrotingsstaat=programme --map Omschrijving=intervention \
   --map 'vastgestelde begroting=budgeted' --map Realisatie=actual --scale 1000 \
   --recode Valuta:Euro=EUR --where 'Uitgaven (U) Verplichtingen (V) Ontvangsten (O)=U' \
   --where 'Begrotingsjaar<2016'
