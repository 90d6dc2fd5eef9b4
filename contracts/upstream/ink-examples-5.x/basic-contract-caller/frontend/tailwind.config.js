import config from '../../ui/tailwind.config';
export default config;
