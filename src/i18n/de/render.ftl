# Die eigenen Texte von tomcheck, Deutsch: render. Jede Kennung hat einen englischen Zwilling in ../en/render.ftl.
