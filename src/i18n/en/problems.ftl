# tomcheck's own texts, English: problems. Every id has a German twin in ../de/problems.ftl.
