# Dutch municipal accounts 2023 by taakveld (CBS Iv3), thousands of euros, the year only in
# the file name; then the Gemeentefonds volumes: tab-separated, decimal comma, one column
# per indicator.
$W load budget 2023_jaarrekening.csv --set year=2023 --scale 1000
$W load outcomes GF_M2024_2025_Volumina.csv --indicators-in-columns \
   --map Naam=municipality --map CBS=- --map Prov=- --set period=2025
