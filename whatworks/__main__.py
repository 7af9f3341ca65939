"""``python -m whatworks``: the command line."""

from whatworks.cli import main

if __name__ == "__main__":
    main()
