"""Use cases shared by the command line and the web: parse, call the engine, shape the answer."""
