# Dates as Vietnamese decisions write them: "ngày 12/12/2023".
SHORT_DATE_FORMAT = "d/m/Y"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
