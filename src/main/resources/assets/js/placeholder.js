// A page whose content is not built yet: the shared frame only.
"use strict";
bigr.page(async () => {});
