package tom.custom

# Counts up without end: a function that calls itself.
f(x) := y if {
	y := f(x + 1)
}

warn contains "never" if f(1) > 0
