package tom.custom

# time.* reads the clock or the zone database: not compiled in (time.now_ns is an
# extension answering the evaluation date).
warn contains "x" if { time.parse_rfc3339_ns("2026-01-01T00:00:00Z") > 0 }
