package tom.custom

warn contains sprintf("%d", [rand.intn("x", 100)]) if { true }
