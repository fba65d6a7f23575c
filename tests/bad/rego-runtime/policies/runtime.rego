package tom.custom

label(x) := "a" if { x == 1 }
label(x) := "b" if { x == 1 }

deny contains label(1) if { true }
