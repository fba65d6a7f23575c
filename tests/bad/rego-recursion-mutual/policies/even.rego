package tom.custom

import data.tom.helpers

warn contains "never" if even(10)

even(n) := true if n == 0

even(n) := helpers.odd(n - 1) if n > 0
