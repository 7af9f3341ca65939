# Wales: spend and outcomes in one file, financial-year codes like 202122; every outcome
# repeats once per spend line (5), and the exact repeats are loaded once.
$W load outcomes matrix.csv --map Authority_ItemName_ENG=municipality \
   --map Dataitem_ItemName_ENG=indicator --map final_year=period --map final_value=value
# The PHE SPOT indicator table, Windows-1252 ('2-2½yrs').
$W load indicators spot_indicator_mapping_table.csv --map id=indicator --map name=description \
   --where type=Outcome
