"""Who may do what in the library. Everything not granted here is denied.

The resource library, procedures, campaigns and the "You said, we did" board are public
pages (no permission needed). The business unit imports document registers and reads the
usage report.
"""

import rules

from safeguarding.core.permissions import is_business_unit

rules.add_perm("library.manage_library", is_business_unit)
rules.add_perm("library.view_usage", is_business_unit)
