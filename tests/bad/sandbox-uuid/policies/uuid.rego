package tom.custom

# uuid.rfc4122 is random: not compiled in.
warn contains uuid.rfc4122("x") if { true }
