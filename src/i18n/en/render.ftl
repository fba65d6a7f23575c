# tomcheck's own texts, English: render. Every id has a German twin in ../de/render.ftl.
