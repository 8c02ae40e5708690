// Entry point: loads the styles and mounts the app.
import { mount } from "svelte";
import App from "./App.svelte";
import "./styles/app.scss";

const target = document.getElementById("app");
if (!target) throw new Error("The page has no #app element.");
mount(App, { target });
