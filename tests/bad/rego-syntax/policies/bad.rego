package tom.custom

deny contains msg if {
    some p in input.provider
    msg := sprintf("%s", [p.name]
}
