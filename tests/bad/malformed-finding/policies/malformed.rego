package tom.custom

deny contains {"rule": "custom.x", "subject": "organization"} if {
    input.organization
}
