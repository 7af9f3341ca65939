"""The hostile corpus and what must hold under it (issue 10): ``python -m whatworks.stress``.

``corpus`` generates the files, ``workbooks`` the hand-made .xlsx among them, ``run`` puts each
through the command line and checks the database, ``limits`` the read limits' messages,
``views`` renders every view afterwards; ``__main__`` prints the figures.
"""
