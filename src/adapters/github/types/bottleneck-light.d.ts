// octokit's throttling plugin uses bottleneck's light build, which ships without its own types.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck'
  export default Bottleneck
}
