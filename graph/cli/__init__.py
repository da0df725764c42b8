"""The graph's commands (build, validate, stats, query, export, paths) as plain click commands, each a thin
wrapper over library functions. The `lshkg` group that gathers them and adds `serve` lives with the
web app (`webapp.cli`), on top of everything.

May import every wing of `graph`, `ontology`, `graph.config` and `graph.messages`.
"""
