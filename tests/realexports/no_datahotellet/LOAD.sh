# Bergen's operating budget 2012-2015 (one column per year, change lines N00..N15 added up,
# revenue and service area 21 left out), saved as the import recipe 'bergen-drift' ...
$W load budget bergen_driftsbudsjett_2012.csv --years-in-columns --set municipality=Bergen \
   --set currency=NOK --map tjenesteomraade-tekst=programme --where inntekt-utgift=Utgift \
   --where 'tjomr!=21' --sum --save-mapping bergen-drift
# ... and the next year's export (2013-2016, quoted header in 2012, CRLF in 2013) with the same
# recipe: its figures replace the plan years 2013-2015 of the first.
$W load budget bergen_driftsbudsjett_2013.csv --mapping bergen-drift

# Bergen's investment budget 2012-2015: decimal commas beside plain numbers; expenditure only.
$W load budget bergen_investeringsbudsjett_2012.csv --years-in-columns --set municipality=Bergen \
   --set currency=NOK --map tjenesteomraade-tekst=programme --where sumart1=1 --sum
