# Die eigenen Texte von tomcheck, Deutsch: commands. Jede Kennung hat einen englischen Zwilling in ../en/commands.ftl.
