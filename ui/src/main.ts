// Entry point: asks the Rust side for the register's state, loads the styles
// and mounts the app.
import { mount } from "svelte";
import App from "./App.svelte";
import { unlockRemembered } from "./lib/api";
import "./styles/app.scss";

// Asked before mounting, so the answer is on its way while the app mounts.
// (The marks are for timing the start through WebDriver.)
performance.mark("app:asked");
const remembered = unlockRemembered();
const target = document.getElementById("app");
if (!target) throw new Error("The page has no #app element.");
mount(App, { target, props: { remembered } });
performance.mark("app:mounted");
