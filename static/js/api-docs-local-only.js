// Redoc's side menu shows a logo from its makers' site. The API documentation loads nothing
// from other origins (the Content-Security-Policy would block it, with an error in the
// console), so images from another origin are not requested: the image gets an "error" event
// instead, on which Redoc removes its logo.
(function () {
  "use strict";

  function isOutside(value) {
    var url = new URL(String(value), document.baseURI);
    return url.protocol !== "data:" && url.origin !== window.location.origin;
  }

  function refuse(image) {
    window.setTimeout(function () {
      image.dispatchEvent(new Event("error"));
    }, 0);
  }

  var setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    if (this instanceof HTMLImageElement && String(name).toLowerCase() === "src" && isOutside(value)) {
      refuse(this);
      return undefined;
    }
    return setAttribute.call(this, name, value);
  };

  var source = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, "src");
  Object.defineProperty(HTMLImageElement.prototype, "src", {
    configurable: true,
    enumerable: source.enumerable,
    get: source.get,
    set: function (value) {
      if (isOutside(value)) {
        refuse(this);
        return;
      }
      source.set.call(this, value);
    },
  });
})();
