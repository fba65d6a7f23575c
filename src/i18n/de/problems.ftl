# Die eigenen Texte von tomcheck, Deutsch: problems. Jede Kennung hat einen englischen Zwilling in ../en/problems.ftl.
