# Dates as English prose writes them, day first and unambiguous: "12 December 2023".
SHORT_DATE_FORMAT = "j F Y"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
