package tom.custom

# A precision Rust cannot format (panic) and a width of a gigabyte.
warn contains sprintf("%.999999999f", [1.5]) if true

warn contains sprintf("%0999999999d", [1]) if true
