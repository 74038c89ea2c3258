from polgraph.cli import main

main()
