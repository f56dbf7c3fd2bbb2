/*
 * The appointment form's warning signs: a sign's advice (call the emergency number, or get
 * care today) shows beside it the moment it is ticked, and goes when it is unticked.
 * Without this script every sign's advice stays in view, and the confirmation repeats it.
 */
(function () {
    "use strict";

    function showAdviceIfTicked(sign) {
        var box = sign.querySelector("input[type=checkbox]");
        var advice = sign.querySelector(".warning-sign__advice");
        if (box && advice) {
            advice.hidden = !box.checked;
        }
    }

    document.querySelectorAll(".warning-sign").forEach(function (sign) {
        showAdviceIfTicked(sign);
        sign.addEventListener("change", function () {
            showAdviceIfTicked(sign);
        });
    });
})();
