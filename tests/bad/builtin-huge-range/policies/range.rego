package tom.custom

# regorus reserves the whole range up front: capacity overflow.
warn contains "many" if count(numbers.range(1, 1e18)) > 0
