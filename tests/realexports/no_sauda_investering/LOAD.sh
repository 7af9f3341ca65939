# Sauda's investment budget 2013: one amount column 'nok', no year, a balanced budget whose
# financing lines (KOSTRA functions 8xx, e.g. 880 interne finansieringstransaksjoner) net it
# to zero: leave them out with a numeric filter.
$W load budget sauda_investeringsbudsjett_2013.csv --set municipality=Sauda --set currency=NOK \
   --set year=2013 --map funksjonaomrade_tekst=programme --map tiltak=intervention \
   --map nok=budgeted --where 'funksjonsomrade<800' --sum
