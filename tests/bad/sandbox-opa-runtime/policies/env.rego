package tom.custom

warn contains sprintf("%v", [opa.runtime().env.HOME]) if { true }
