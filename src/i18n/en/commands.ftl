# tomcheck's own texts, English: commands. Every id has a German twin in ../de/commands.ftl.
