"""Publishing: the reproduce job, the paper's build, problem sets and the command line."""
