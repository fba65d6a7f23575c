package tom.custom

warn contains sprintf("%d", [n]) if {
    n := count([1 | some i in numbers.range(1, 100000); some j in numbers.range(1, 100000)])
}
