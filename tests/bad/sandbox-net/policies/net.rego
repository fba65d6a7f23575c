package tom.custom

# net.* resolves and inspects network addresses: not compiled in.
warn contains "x" if { net.cidr_contains("10.0.0.0/8", "10.1.2.3") }
