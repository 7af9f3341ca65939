# Stavanger's operating budget 2016 by account line: no year column, revenue as negative lines
# (art 600-990: konto 16000 and up), 347 lines with two extra cells (ignored, with a warning).
$W load budget stavanger_driftsbudsjett_2016.csv --set municipality=Stavanger \
   --set currency=NOK --set year=2016 --map virksomhetsomraade=programme \
   --map tjeneste_tekst=intervention --map beloep=budgeted --where 'art<15000' --sum
