import { render } from 'preact';
import { App } from './App';
import { loadConfig } from './config';
import { currentLang, setLang } from './i18n';
import './styles.css';

setLang(currentLang());
const root = document.getElementById('app')!;
loadConfig().then(
  (config) => render(<App config={config} />, root),
  (error: unknown) => {
    root.textContent = `配置加载失败 Could not load config.json: ${String(error)}`;
  },
);
