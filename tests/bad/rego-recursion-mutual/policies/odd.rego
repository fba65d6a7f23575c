package tom.helpers

odd(n) := data.tom.custom.even(n - 1) if n > 0
