// Running total of a breakdown table, next to the total. The server checks it either way.
(function () {
  "use strict";
  function parse(text) {
    var value = (text || "").replace(/\s/g, "").replace(",", ".");
    if (value === "" || !/^-?\d+(\.\d+)?$/.test(value)) {
      return null;
    }
    return Number(value);
  }
  function format(number) {
    return String(Math.round(number * 10000) / 10000).replace(".", ",");
  }
  function update(table) {
    var output = table.querySelector(".monitoring-sum");
    var totalInput = table.querySelector("tfoot input");
    if (!output) {
      return;
    }
    var sum = 0;
    var filled = 0;
    table.querySelectorAll("tbody input").forEach(function (input) {
      var number = parse(input.value);
      if (number !== null) {
        sum += number;
        filled += 1;
      }
    });
    if (filled === 0) {
      output.textContent = "";
      return;
    }
    var text = table.dataset.sumLabel + ": " + format(sum);
    var total = totalInput ? parse(totalInput.value) : null;
    if (total !== null && Math.abs(total - sum) > 0.00001) {
      text += " – " + table.dataset.differsLabel + " (" + format(total) + ")";
    }
    output.textContent = text;
  }
  document.querySelectorAll(".monitoring-breakdown").forEach(function (table) {
    table.addEventListener("input", function () {
      update(table);
    });
    update(table);
  });
})();
