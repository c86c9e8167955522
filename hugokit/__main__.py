from hugokit.cli import main

main()
