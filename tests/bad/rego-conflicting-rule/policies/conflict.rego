package tom.custom

owner := "DSB" if { input.organization }
owner := "IT" if { input.organization.name }

warn contains owner if { true }
