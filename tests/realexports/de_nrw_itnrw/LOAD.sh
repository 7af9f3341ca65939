# North Rhine-Westphalia 2010: Latin-1, 8 title lines and no header, a copyright footer, '-'
# and '.' for no value, 'Summe aller Produktgruppen' subtotals (left out); municipality = the
# official key AGS, so it joins the census for spend per inhabitant.
$W load budget finanzrechnungsstatistik-ausgaben-2010.csv --skip-rows 8 --no-header \
   --map col1=municipality --map col3=programme_code --map col4=programme --map col5=actual \
   --set year=2010 --skip-missing
# The census population, legacy .xls with a merged multi-row header; names repeat across
# Germany (Buchholz, Holm, ...), so the key AGS is the municipality.
$W load outcomes "Zensus Einwohnerzahlen.xls" --sheet Gemeinden_31.12.2011_Vergleich \
   --skip-rows 8 --no-header --map col3=municipality --map col5=value \
   --set indicator=population --set period=2011-12-31 --where 'col3!='
