// corpus: renders "Todo (2)"
var e = React.createElement;

class TodoApp extends React.Component {
  constructor(props) {
    super(props);
    this.state = { items: ["Buy milk", "Call mom"], text: "" };
    this.add = this.add.bind(this);
  }

  add(event) {
    event.preventDefault();
    if (!this.state.text) return;
    this.setState({ items: this.state.items.concat(this.state.text), text: "" });
  }

  render() {
    var self = this;
    return e(
      "div",
      { style: { fontFamily: "sans-serif", maxWidth: 400, margin: "40px auto" } },
      e("h2", null, "Todo (" + this.state.items.length + ")"),
      e(
        "form",
        { onSubmit: this.add },
        e("input", {
          value: this.state.text,
          onChange: function (ev) {
            self.setState({ text: ev.target.value });
          },
        }),
        e("button", { type: "submit" }, "Add"),
      ),
      e(
        "ul",
        null,
        this.state.items.map(function (item, i) {
          return e("li", { key: i }, item);
        }),
      ),
    );
  }
}

ReactDOM.render(e(TodoApp), document.getElementById("root"));
