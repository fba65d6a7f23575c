package tom.custom

warn contains r.body if {
    r := http.send({"method": "GET", "url": "http://127.0.0.1:9/"})
}
