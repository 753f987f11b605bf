from akhbar.cli import main

main()
