"""The clinic's starting content, loaded by `manage.py load_clinic_content`.

Plain data only: field values for each page, settings and snippet, and page bodies as lists
of StreamField blocks built with the helpers in `stream`. Editors own the content once it is
loaded; changing these modules only affects sites where the item does not exist yet.
"""
