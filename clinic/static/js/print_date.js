/*
 * A printed health page says the day it was printed (see includes/print_footer.html). The
 * page may have come from the page cache, rendered on an earlier day: at printing, the
 * browser's own date takes the place of the one the server wrote.
 */
(function () {
    "use strict";

    window.addEventListener("beforeprint", function () {
        var today = new Date();
        var day = [
            today.getFullYear(),
            String(today.getMonth() + 1).padStart(2, "0"),
            String(today.getDate()).padStart(2, "0"),
        ].join("-");
        document.querySelectorAll(".print-footer__date").forEach(function (date) {
            date.dateTime = day;
            date.textContent = today.toLocaleDateString(document.documentElement.lang, {
                dateStyle: "long",
            });
        });
    });
})();
